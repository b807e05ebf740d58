/*
 * Modelled on drivers/platform/chrome/cros_ec_chardev.c (Linux 6.1), the
 * driver ref_proxy was written for: the EC device behind the character
 * device may go away while a file is open. The per-device data holds the
 * EC pointer, set in probe and revoked in remove; the ioctls reach the EC
 * through it.
 * Positive: the field becomes a proxy, the set-up and the revocation use the
 * provider, each access is a REF_PROXY_GET() block.
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/platform_data/cros_ec_chardev.h>
#include <linux/platform_data/cros_ec_commands.h>
#include <linux/platform_data/cros_ec_proto.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

struct chardev_data {
	struct cros_ec_dev *ec_dev;
	struct miscdevice misc;
};

static long cros_ec_chardev_ioctl_xcmd(struct chardev_data *data, void __user *arg)
{
	struct cros_ec_command *s_cmd;
	struct cros_ec_command u_cmd;
	long ret;

	if (copy_from_user(&u_cmd, arg, sizeof(u_cmd)))
		return -EFAULT;

	if (u_cmd.outsize > EC_MAX_MSG_BYTES ||
	    u_cmd.insize > EC_MAX_MSG_BYTES)
		return -EINVAL;

	s_cmd = kzalloc(sizeof(*s_cmd) + max(u_cmd.outsize, u_cmd.insize),
			GFP_KERNEL);
	if (!s_cmd)
		return -ENOMEM;

	if (copy_from_user(s_cmd, arg, sizeof(*s_cmd) + u_cmd.outsize)) {
		ret = -EFAULT;
		goto exit;
	}

	if (u_cmd.outsize != s_cmd->outsize ||
	    u_cmd.insize != s_cmd->insize) {
		ret = -EINVAL;
		goto exit;
	}

	s_cmd->command += data->ec_dev->cmd_offset;
	ret = cros_ec_cmd_xfer(data->ec_dev->ec_dev, s_cmd);
	/* Only copy data to userland if data was received. */
	if (ret < 0)
		goto exit;

	if (copy_to_user(arg, s_cmd, sizeof(*s_cmd) + s_cmd->insize))
		ret = -EFAULT;
exit:
	kfree(s_cmd);
	return ret;
}

static long cros_ec_chardev_ioctl_readmem(struct chardev_data *data,
					   void __user *arg)
{
	struct cros_ec_readmem s_mem = { };
	long num;

	/* Not every platform supports direct reads */
	if (!data->ec_dev->ec_dev->cmd_readmem)
		return -ENOTTY;

	if (copy_from_user(&s_mem, arg, sizeof(s_mem)))
		return -EFAULT;

	if (s_mem.bytes > sizeof(s_mem.buffer))
		return -EINVAL;

	num = data->ec_dev->ec_dev->cmd_readmem(data->ec_dev->ec_dev, s_mem.offset,
						s_mem.bytes, s_mem.buffer);
	if (num <= 0)
		return num;

	if (copy_to_user((void __user *)arg, &s_mem, sizeof(s_mem)))
		return -EFAULT;

	return num;
}

static long cros_ec_chardev_ioctl(struct file *filp, unsigned int cmd,
				   unsigned long arg)
{
	struct miscdevice *mdev = filp->private_data;
	struct chardev_data *data = container_of(mdev, struct chardev_data, misc);

	if (_IOC_TYPE(cmd) != CROS_EC_DEV_IOC)
		return -ENOTTY;

	switch (cmd) {
	case CROS_EC_DEV_IOCXCMD:
		return cros_ec_chardev_ioctl_xcmd(data, (void __user *)arg);
	case CROS_EC_DEV_IOCRDMEM:
		return cros_ec_chardev_ioctl_readmem(data, (void __user *)arg);
	}

	return -ENOTTY;
}

static const struct file_operations chardev_fops = {
	.unlocked_ioctl	= cros_ec_chardev_ioctl,
};

static int cros_ec_chardev_probe(struct platform_device *pdev)
{
	struct cros_ec_dev *ec_dev = dev_get_drvdata(pdev->dev.parent);
	struct cros_ec_platform *ec_platform = dev_get_platdata(ec_dev->dev);
	struct chardev_data *data;
	int ret;

	data = kzalloc(sizeof(*data), GFP_KERNEL);
	if (!data)
		return -ENOMEM;

	data->ec_dev = ec_dev;
	data->misc.minor = MISC_DYNAMIC_MINOR;
	data->misc.fops = &chardev_fops;
	data->misc.name = ec_platform->ec_name;
	data->misc.parent = pdev->dev.parent;

	dev_set_drvdata(&pdev->dev, data);

	ret = misc_register(&data->misc);
	if (ret) {
		ret = -ENODEV;
		goto err_free;
	}
	return 0;

err_free:
	kfree(data);
	return ret;
}

static int cros_ec_chardev_remove(struct platform_device *pdev)
{
	struct chardev_data *data = dev_get_drvdata(&pdev->dev);

	data->ec_dev = NULL;
	misc_deregister(&data->misc);
	kfree(data);

	return 0;
}

static struct platform_driver cros_ec_chardev_driver = {
	.driver = {
		.name = "cros-ec-chardev",
	},
	.probe = cros_ec_chardev_probe,
	.remove = cros_ec_chardev_remove,
};

module_platform_driver(cros_ec_chardev_driver);
MODULE_LICENSE("GPL");
