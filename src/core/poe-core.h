/* poe-core.h
 *
 * The one header the app, the server and the tools include to use poe-core.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "poe-board-model.h"
#include "poe-case-index.h"
#include "poe-case-list-model.h"
#include "poe-case-summary.h"
#include "poe-chart.h"
#include "poe-checklist.h"
#include "poe-csv.h"
#include "poe-custody.h"
#include "poe-demo.h"
#include "poe-exceptions.h"
#include "poe-family-snapshot.h"
#include "poe-incident.h"
#include "poe-json-guard.h"
#include "poe-password.h"
#include "poe-record.h"
#include "poe-report-pdf.h"
#include "poe-risk.h"
#include "poe-schema.h"
#include "poe-stats.h"
#include "poe-store.h"
#include "poe-store-board.h"
#include "poe-sync-engine.h"
#include "poe-timesheet.h"
#include "poe-validate.h"
