// `crosswalk serve`: the REST API (/api/v1, docs/api.md) and the dashboard, from one process. Every report is
// the library's, run on the server's snapshot of the workspace (snapshot.hpp) and rendered by the same code as
// the CLI's, so the two cannot disagree. Reads only: nothing here writes the workspace but access.json's reader.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

namespace crosswalk::api {

struct ServeOptions {
    std::filesystem::path root = ".";
    std::string bind = "127.0.0.1";
    int port = 8080; // 0: any free port
    std::chrono::milliseconds refresh_interval = std::chrono::seconds(2);
    int threads = 64;       // connections served at once (a kept-alive connection holds a thread)
    bool warm_cache = true; // compute the dashboard's reports when a snapshot is taken, before anyone asks
};

class Server {
public:
    // Takes the first snapshot. Throws kInvalidInput when `bind` is not a loopback address and no user exists
    // (authentication is off: anyone who reaches the port could read everything).
    explicit Server(ServeOptions options);
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;
    ~Server();

    // Binds the port (throws kIo when it cannot); returns it.
    int Bind();
    // Serves until Stop(). REQUIRES: Bind() returned.
    void Listen();
    void Stop();

    // http://ADDRESS:PORT/ once bound.
    [[nodiscard]] std::string Url() const;
    [[nodiscard]] bool AuthenticationOn() const;

private:
    struct State;
    std::unique_ptr<State> state_;
};

} // namespace crosswalk::api
