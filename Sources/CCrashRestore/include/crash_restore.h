/* Restoring the terminal when the program crashes.

   A crash (SIGSEGV, SIGBUS, SIGILL and SIGTRAP from a Swift trap, SIGFPE, SIGABRT, SIGSYS) would
   leave the terminal raw, without echo and on the alternate screen. The handler writes the
   terminal's reset sequence (set from terminfo once ncurses is up), puts back the terminal modes
   saved before ncurses changed them, then hands the signal to whoever handled it before (Swift's
   backtracer prints its report on a usable terminal) and re-raises. It runs on its own stack so
   that a stack overflow is caught too. In C because a signal handler must be async-signal-safe
   (no allocation, no locks), which Swift cannot promise: it calls only write(2), tcsetattr(3),
   sigaction(2) and raise(3). */
#ifndef STP_CRASH_RESTORE_H
#define STP_CRASH_RESTORE_H

/* Saves the terminal's modes (call before ncurses changes them) and installs the handler. */
void stp_crash_install(void);
/* The bytes that restore the screen; set once the terminal is known. */
void stp_crash_set_reset(const char *bytes);
/* Nothing to restore any more (after a clean stop); the handler stays and only passes signals on. */
void stp_crash_disarm(void);

#endif
