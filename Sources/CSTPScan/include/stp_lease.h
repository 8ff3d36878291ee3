// A read lease on a user's data file (Linux, fcntl F_SETLEASE): the kernel tells the process,
// by a signal, before another process opens the file for writing or cuts it short, and holds
// that process back until the lease is let go (at most /proc/sys/fs/lease-break-time, 45 s).
// The loader keeps the rows' text in the user's file instead of a copy in memory; on a break it
// copies the file first, then lets go. The signal handler is C (it must be async-signal-safe):
// it writes the descriptor to a pipe that a thread of the model reads.
#ifndef STP_LEASE_H
#define STP_LEASE_H

/// Installs the handler of the lease signal, which writes the descriptor whose lease is being
/// broken (an int) to `pipe_write_fd`. Returns the signal, or -1 when it cannot be installed.
int stp_lease_install(int pipe_write_fd);

/// Takes a read lease on `fd` (open read-only), to be told by `signal`. 0, or -1 with errno
/// (EAGAIN: open for writing somewhere; EACCES: another user's file; EINVAL: not supported).
int stp_lease_take(int fd, int signal);

/// Lets the lease on `fd` go. 0, or -1 with errno.
int stp_lease_drop(int fd);

#endif
