// The theme files of themes/ (through the Themes link to the top-level folder) as bytes, by the
// C compiler's #embed, like the embedded dataset (CSTPEmbeddedData). They were a SwiftPM
// embedInCode resource: a Swift array literal built at its first use, which cost about 0.4 ms of
// every start (issue 26; DECISIONS.md 2026-12-03). The files in themes/ stay the single source.
#include "stp_themes.h"

#pragma clang diagnostic ignored "-Wc23-extensions"

static const unsigned char default_toml[] = {
#embed "Themes/default.toml"
};
static const unsigned char light_toml[] = {
#embed "Themes/light.toml"
};
static const unsigned char high_contrast_toml[] = {
#embed "Themes/high-contrast.toml"
};
static const unsigned char colour_blind_safe_toml[] = {
#embed "Themes/colour-blind-safe.toml"
};
static const unsigned char projector_toml[] = {
#embed "Themes/projector.toml"
};
static const unsigned char mono_toml[] = {
#embed "Themes/mono.toml"
};

#define FILE_ENTRY(name, array) {name, array, sizeof(array)}

static const stp_theme_file files[] = {
  FILE_ENTRY("default.toml", default_toml),
  FILE_ENTRY("light.toml", light_toml),
  FILE_ENTRY("high-contrast.toml", high_contrast_toml),
  FILE_ENTRY("colour-blind-safe.toml", colour_blind_safe_toml),
  FILE_ENTRY("projector.toml", projector_toml),
  FILE_ENTRY("mono.toml", mono_toml),
};

const stp_theme_file *stp_theme_files(size_t *count) {
  *count = sizeof files / sizeof files[0];
  return files;
}
