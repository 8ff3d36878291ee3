/* What Swift cannot import from <curses.h> (macros, and globals that Swift 6 rejects as not
   concurrency-safe), as one-line inline functions. Logic stays in Swift. */
#ifndef STP_CNCURSES_SHIM_H
#define STP_CNCURSES_SHIM_H
#define NCURSES_WIDECHAR 1 /* before the include: SwiftPM drops pkg-config's -D_XOPEN_SOURCE */
#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <curses.h>

static inline FILE *shim_stdout(void) { return stdout; }
static inline FILE *shim_stdin(void) { return stdin; }
static inline int shim_colors(void) { return COLORS; }
static inline int shim_color_pairs(void) { return COLOR_PAIRS; }
static inline int shim_color_pair(int n) { return (int)COLOR_PAIR(n); }
static inline attr_t shim_a_normal(void) { return A_NORMAL; }
static inline attr_t shim_a_bold(void) { return A_BOLD; }
static inline attr_t shim_a_dim(void) { return A_DIM; }
static inline attr_t shim_a_reverse(void) { return A_REVERSE; }
static inline attr_t shim_a_underline(void) { return A_UNDERLINE; }
static inline int shim_key_f(int n) { return KEY_F(n); }
static inline mmask_t shim_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t shim_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t shim_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t shim_button5_pressed(void) { return BUTTON5_PRESSED; }
static inline const char *shim_codeset(void) { return nl_langinfo(CODESET); }
static inline WINDOW *shim_stdscr(void) { return stdscr; }
/* The columns ncurses gives a character (it asks the C library; <wchar.h> declares it only
   under _XOPEN_SOURCE, which SwiftPM drops). */
static inline int shim_wcwidth(wchar_t c) {
  extern int wcwidth(wchar_t);
  return wcwidth(c);
}

#endif
