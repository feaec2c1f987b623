#ifndef TARGETCAST_FILE_SYSTEM_SHIMS_H
#define TARGETCAST_FILE_SYSTEM_SHIMS_H

/// Atomically exchanges two paths of one file system (Linux renameat2 with RENAME_EXCHANGE).
/// Returns 0, or -1 with errno set (EINVAL or ENOSYS where the kernel or file system lacks it).
int targetcast_exchange_paths(const char *first, const char *second);

#endif
