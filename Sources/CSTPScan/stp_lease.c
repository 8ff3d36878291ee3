#define _GNU_SOURCE
#include "stp_lease.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

static volatile int lease_pipe = -1;

static void on_lease_break(int sig, siginfo_t *info, void *context) {
  (void)sig;
  (void)context;
  int saved = errno;
  int fd = info->si_fd;
  if (lease_pipe >= 0) (void)!write(lease_pipe, &fd, sizeof fd);
  errno = saved;
}

int stp_lease_install(int pipe_write_fd) {
#if defined(F_SETLEASE) && defined(F_SETSIG)
  int sig = SIGRTMIN + 4;
  if (sig > SIGRTMAX) return -1;
  lease_pipe = pipe_write_fd;
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_lease_break;
  sa.sa_flags = SA_SIGINFO | SA_RESTART;
  sigemptyset(&sa.sa_mask);
  if (sigaction(sig, &sa, NULL) != 0) return -1;
  return sig;
#else
  (void)pipe_write_fd;
  return -1;
#endif
}

int stp_lease_take(int fd, int signal) {
#if defined(F_SETLEASE) && defined(F_SETSIG)
  if (fcntl(fd, F_SETSIG, signal) != 0) return -1;
  if (fcntl(fd, F_SETLEASE, F_RDLCK) != 0) return -1;
  // The kernel makes the calling thread the one to tell; a load runs on a thread that ends, and
  // then a break would go untold and its writer wait the whole lease-break time (45 s). The
  // process is told instead (its main thread's id), for as long as it runs.
  if (fcntl(fd, F_SETOWN, getpid()) != 0) {
    int saved = errno;
    (void)fcntl(fd, F_SETLEASE, F_UNLCK);
    errno = saved;
    return -1;
  }
  return 0;
#else
  (void)fd;
  (void)signal;
  errno = EINVAL;
  return -1;
#endif
}

int stp_lease_drop(int fd) {
#if defined(F_SETLEASE)
  return fcntl(fd, F_SETLEASE, F_UNLCK);
#else
  (void)fd;
  return 0;
#endif
}
