// The one system call Glibc's Swift module does not expose: renameat2 is declared only under
// _GNU_SOURCE. Used to swap a finished output folder in for the previous one in one step.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include "FileSystemShims.h"

int targetcast_exchange_paths(const char *first, const char *second) {
#if defined(__linux__) && defined(RENAME_EXCHANGE)
  return renameat2(AT_FDCWD, first, AT_FDCWD, second, RENAME_EXCHANGE);
#else
  errno = ENOSYS;
  return -1;
#endif
}
