// The crosswalk executable: everything lives in libcrosswalk; this only connects it to the process.
#include <iostream>
#include <unistd.h>

#include "crosswalk/cli/cli.hpp"

int main(int argc, char** argv) {
    std::ios::sync_with_stdio(false);
    const crosswalk::cli::Terminal terminal{std::cout, std::cerr, isatty(STDOUT_FILENO) == 1,
                                            isatty(STDERR_FILENO) == 1};
    const int code = crosswalk::cli::Main(argc, argv, terminal);
    std::cout.flush();
    return code;
}
