// A real HTTP server on loopback for the tests of what crosswalk posts (webhooks): it accepts on 127.0.0.1 on a
// free port, records every request, and answers each with the next status of a script (then 200).
#pragma once

#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace crosswalk::testing {

struct HttpRequest {
    std::string method;
    std::string path;
    std::map<std::string, std::string> headers; // names in lower case
    std::string body;
    int answered = 0; // the status it got
};

class RecordingHttpServer {
public:
    explicit RecordingHttpServer(std::vector<int> statuses = {});
    RecordingHttpServer(const RecordingHttpServer&) = delete;
    RecordingHttpServer& operator=(const RecordingHttpServer&) = delete;
    ~RecordingHttpServer();

    [[nodiscard]] int Port() const noexcept { return port_; }

    [[nodiscard]] std::string Url(const std::string& path) const;
    [[nodiscard]] std::vector<HttpRequest> Requests();

private:
    void Serve();
    void Handle(int client);

    int listener_ = -1;
    int port_ = 0;
    std::atomic<bool> stop_{false};
    std::mutex mutex_;
    std::vector<int> statuses_;
    size_t next_status_ = 0;
    std::vector<HttpRequest> requests_;
    std::thread thread_;
};

} // namespace crosswalk::testing
