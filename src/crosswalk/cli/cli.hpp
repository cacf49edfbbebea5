// The crosswalk command line. The library holds it so that tests can run commands in-process; the executable
// in apps/crosswalk only calls Main.
#pragma once

#include <ostream>

namespace crosswalk::cli {

struct Terminal {
    std::ostream& out;            // results
    std::ostream& err;            // diagnostics and progress
    bool out_is_terminal = false; // decides the default output format (aligned table vs CSV)
    bool err_is_terminal = false; // progress lines go to a terminal only, never to pipes or CI logs
};

// Parses `argv` and runs the command. Returns the exit code: 0 ok, 1 user error (bad arguments, missing or
// damaged workspace, bad input), 2 internal error. Never throws; every error is one line on `err`.
int Main(int argc, const char* const* argv, const Terminal& terminal);

} // namespace crosswalk::cli
