REFTRACK_STRUCT(S) { int v; struct S *next; };
REFTRACK_EPILOG(S)
