// Runs a program as a child process and captures its exit code, stdout and stderr: how the end-to-end tests
// drive the built `crosswalk` binary.
#pragma once

#include <string>
#include <vector>

namespace crosswalk::testing {

struct ProcessResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

// Runs `program` with `arguments` in `working_directory` (empty: inherit), feeding `input` on stdin.
ProcessResult RunProcess(const std::string& program, const std::vector<std::string>& arguments,
                         const std::string& working_directory = "", const std::string& input = "");

} // namespace crosswalk::testing

namespace crosswalk::testing {

// A child process that keeps running while the test works: its stdout is read line by line, and closing its
// stdin asks it to finish. Killed in the destructor if still running.
class BackgroundProcess {
public:
    BackgroundProcess(const std::string& program, const std::vector<std::string>& arguments);
    BackgroundProcess(const BackgroundProcess&) = delete;
    BackgroundProcess& operator=(const BackgroundProcess&) = delete;
    ~BackgroundProcess();

    // The next line of its stdout without the newline; "" at end of output.
    std::string ReadLine();

    // Closes its stdin and waits; returns the exit code.
    int Stop();

    [[nodiscard]] int Pid() const noexcept { return pid_; }

private:
    int pid_ = -1;
    int stdin_fd_ = -1;
    int stdout_fd_ = -1;
    std::string buffer_;
};

} // namespace crosswalk::testing
