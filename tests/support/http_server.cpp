#include "support/http_server.hpp"

#include <algorithm>
#include <arpa/inet.h>
#include <cctype>
#include <netinet/in.h>
#include <poll.h>
#include <stdexcept>
#include <sys/socket.h>
#include <unistd.h>

namespace crosswalk::testing {

RecordingHttpServer::RecordingHttpServer(std::vector<int> statuses) : statuses_(std::move(statuses)) {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (listener_ < 0) {
        throw std::runtime_error("socket failed");
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
        ::listen(listener_, 16) != 0) {
        throw std::runtime_error("bind or listen failed");
    }
    socklen_t length = sizeof(address);
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { Serve(); });
}

RecordingHttpServer::~RecordingHttpServer() {
    stop_ = true;
    thread_.join();
    ::close(listener_);
}

std::string RecordingHttpServer::Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
}

std::vector<HttpRequest> RecordingHttpServer::Requests() {
    const std::lock_guard lock(mutex_);
    return requests_;
}

void RecordingHttpServer::Serve() {
    while (!stop_) {
        pollfd descriptor{listener_, POLLIN, 0};
        if (::poll(&descriptor, 1, 50) <= 0) {
            continue;
        }
        const int client = ::accept(listener_, nullptr, nullptr);
        if (client >= 0) {
            Handle(client);
            ::close(client);
        }
    }
}

void RecordingHttpServer::Handle(int client) {
    std::string data;
    char buffer[4096];
    size_t header_end = std::string::npos;
    size_t content_length = 0;
    HttpRequest request;
    while (true) {
        const ssize_t got = ::recv(client, buffer, sizeof(buffer), 0);
        if (got <= 0) {
            return;
        }
        data.append(buffer, static_cast<size_t>(got));
        if (header_end == std::string::npos && (header_end = data.find("\r\n\r\n")) != std::string::npos) {
            const std::string head = data.substr(0, header_end);
            size_t line_end = head.find("\r\n");
            const std::string first = head.substr(0, line_end);
            request.method = first.substr(0, first.find(' '));
            request.path = first.substr(first.find(' ') + 1, first.rfind(' ') - first.find(' ') - 1);
            while (line_end != std::string::npos) {
                const size_t next = head.find("\r\n", line_end + 2);
                const std::string line =
                    head.substr(line_end + 2, next == std::string::npos ? std::string::npos : next - line_end - 2);
                const size_t colon = line.find(':');
                if (colon != std::string::npos) {
                    std::string name = line.substr(0, colon);
                    std::transform(name.begin(), name.end(), name.begin(),
                                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
                    request.headers[name] = line.substr(line.find_first_not_of(' ', colon + 1));
                }
                line_end = next;
            }
            if (request.headers.contains("content-length")) {
                content_length = std::stoul(request.headers["content-length"]);
            }
        }
        if (header_end != std::string::npos && data.size() >= header_end + 4 + content_length) {
            request.body = data.substr(header_end + 4, content_length);
            break;
        }
    }
    int status = 200;
    {
        const std::lock_guard lock(mutex_);
        if (next_status_ < statuses_.size()) {
            status = statuses_[next_status_++];
        }
        request.answered = status;
        requests_.push_back(request);
    }
    const std::string response =
        "HTTP/1.1 " + std::to_string(status) + " Scripted\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    (void)::send(client, response.data(), response.size(), MSG_NOSIGNAL);
}

} // namespace crosswalk::testing
