#include "crash_restore.h"

#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static struct termios saved_termios;
static volatile sig_atomic_t have_termios = 0;
static char reset_bytes[512];
static volatile sig_atomic_t reset_len = 0;
static struct sigaction previous[65];
static char alt_stack[1 << 16];

static void handler(int sig) {
  if (reset_len > 0) {
    ssize_t r = write(STDOUT_FILENO, reset_bytes, (size_t)reset_len);
    (void)r;
  }
  if (have_termios) tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_termios);
  if (sig > 0 && sig < 65) sigaction(sig, &previous[sig], NULL);
  raise(sig);
}

void stp_crash_install(void) {
  if (tcgetattr(STDIN_FILENO, &saved_termios) == 0) have_termios = 1;
  stack_t ss;
  memset(&ss, 0, sizeof ss);
  ss.ss_sp = alt_stack;
  ss.ss_size = sizeof alt_stack;
  sigaltstack(&ss, NULL);
  int sigs[] = {SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT, SIGSYS};
  for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_ONSTACK;
    sigaction(sigs[i], &sa, &previous[sigs[i]]);
  }
}

void stp_crash_set_reset(const char *bytes) {
  size_t n = strlen(bytes);
  if (n >= sizeof reset_bytes) n = sizeof reset_bytes - 1;
  reset_len = 0;
  memcpy(reset_bytes, bytes, n);
  reset_len = (sig_atomic_t)n;
}

void stp_crash_disarm(void) {
  reset_len = 0;
  have_termios = 0;
}
