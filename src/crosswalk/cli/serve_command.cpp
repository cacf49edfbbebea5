// crosswalk serve: the REST API and the dashboard (api/server.hpp, docs/api.md) until Ctrl-C or SIGTERM.
#include <csignal>
#include <pthread.h>
#include <thread>

#include <fmt/format.h>

#include "crosswalk/api/server.hpp"
#include "crosswalk/cli/command.hpp"

namespace crosswalk::cli {
namespace {

struct ServeCliOptions {
    std::string workspace = ".";
    std::string bind = "127.0.0.1";
    int port = 8080;
    double refresh_seconds = 2;
};

int RunServe(const ServeCliOptions& options, const Terminal& terminal) {
    // The signals go to a thread that waits for them, so stopping is ordinary code, not a signal handler.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    api::ServeOptions serve;
    serve.root = options.workspace;
    serve.bind = options.bind;
    serve.port = options.port;
    serve.refresh_interval = std::chrono::milliseconds(static_cast<int64_t>(options.refresh_seconds * 1000));
    api::Server server(serve);
    const int port = server.Bind();
    terminal.out << fmt::format("crosswalk serve: the dashboard is at {} (API: {}api/v1, described at "
                                "{}api/v1/openapi.json)\n",
                                server.Url(), server.Url(), server.Url());
    terminal.out << (server.AuthenticationOn()
                         ? std::string("authentication is on: open the page and paste a token (crosswalk token create "
                                       "USER)\n")
                         : fmt::format("authentication is off (no users; loopback only): crosswalk user add NAME "
                                       "--role viewer turns it on\n"));
    terminal.out << fmt::format("serving workspace {} on port {}; stop with Ctrl-C\n", options.workspace, port);
    terminal.out.flush();
    std::thread stopper([&server, signals] {
        int received = 0;
        sigwait(&signals, &received);
        server.Stop();
    });
    server.Listen();
    pthread_kill(stopper.native_handle(), SIGTERM); // ends its wait when the server stopped for another reason
    stopper.join();
    terminal.err << "crosswalk serve: stopped\n";
    return 0;
}

} // namespace

Command AddServeCommand(CLI::App& app) {
    auto options = std::make_shared<ServeCliOptions>();
    auto* command = app.add_subcommand(
        "serve", "Serve the REST API (/api/v1) and the dashboard over the workspace. See docs/api.md.");
    AddWorkspaceOption(*command, options->workspace);
    command->add_option("--port", options->port, "TCP port (default 8080; 0: any free port)")
        ->check(CLI::Range(0, 65535));
    command->add_option("--bind", options->bind,
                        "Address to listen on (default 127.0.0.1); any other needs authentication on (a user)");
    command
        ->add_option(
            "--refresh", options->refresh_seconds,
            "Seconds between checks for a changed workspace (a new snapshot after an ingest or run; default 2)")
        ->check(CLI::Range(0.1, 3600.0));
    command->footer("Examples: crosswalk serve -w demo\n"
                    "          crosswalk user add ana --role viewer --cost-center CC-2200 -w demo\n"
                    "          crosswalk token create ana -w demo\n"
                    "          crosswalk serve -w demo --bind 0.0.0.0 --port 9000");
    return Command{command, [options](const Terminal& terminal) {
                       return RunServe(*options, terminal);
                   }};
}

} // namespace crosswalk::cli
