/* poe-fuzz.h
 *
 * What every fuzz target of tests/fuzz defines (libFuzzer's entry points), and the helpers
 * they share. Built with clang and -fsanitize=fuzzer they fuzz; built normally they are
 * linked with poe-fuzz-replay.c and replay their folder of seeds and regressions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <stddef.h>
#include <stdint.h>

G_BEGIN_DECLS

int  LLVMFuzzerInitialize   (int            *argc,
                             char         ***argv);
int  LLVMFuzzerTestOneInput (const uint8_t  *data,
                             size_t          size);

void poe_fuzz_init_logging  (void);

G_END_DECLS
