/* poe-core.h
 *
 * The one header the app, the server and the tools include to use poe-core.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "poe-validate.h"
