// The whole runtime: #include <go/go.h>
#pragma once

#include <go/chan.h>
#include <go/context.h>
#include <go/core.h>
#include <go/defer.h>
#include <go/explore.h>
#include <go/select.h>
#include <go/sync.h>
#include <go/time.h>
