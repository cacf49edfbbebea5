#include "crosswalk/common/http_client.hpp"

#include <curl/curl.h>
#include <memory>
#include <mutex>

namespace crosswalk {
namespace {

constexpr size_t kBodyLimit = 4096;

size_t KeepBody(char* data, size_t size, size_t count, void* user) {
    std::string& body = *static_cast<std::string*>(user);
    const size_t bytes = size * count;
    body.append(data, std::min(bytes, kBodyLimit - std::min(body.size(), kBodyLimit)));
    return bytes;
}

} // namespace

HttpResponse HttpPost(const std::string& url, const std::string& body, const std::vector<std::string>& headers,
                      std::chrono::milliseconds timeout) {
    static std::once_flag initialized;
    std::call_once(initialized, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    HttpResponse response;
    const std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl) {
        response.error = "cannot start an HTTP request (libcurl)";
        return response;
    }
    curl_slist* list = nullptr;
    for (const std::string& header : headers) {
        list = curl_slist_append(list, header.c_str());
    }
    const std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> header_list(list, curl_slist_free_all);
    char error[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_POST, 1L);
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, header_list.get());
    curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
    curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl.get(), CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, KeepBody);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &response.body);
    curl_easy_setopt(curl.get(), CURLOPT_USERAGENT, "crosswalk-alerts");
    const CURLcode code = curl_easy_perform(curl.get());
    if (code != CURLE_OK) {
        response.error = error[0] != '\0' ? error : curl_easy_strerror(code);
        return response;
    }
    curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &response.status);
    return response;
}

} // namespace crosswalk
