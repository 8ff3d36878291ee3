#ifndef STP_THEMES_H
#define STP_THEMES_H

#include <stddef.h>

/// One shipped theme file: its name and its bytes, in the executable's read-only data.
typedef struct {
  const char *name;
  const unsigned char *bytes;
  size_t count;
} stp_theme_file;

/// The shipped theme files in cycling order, the default first. `*count` gets how many.
const stp_theme_file *stp_theme_files(size_t *count);

#endif
