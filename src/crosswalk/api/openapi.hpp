// The OpenAPI 3.0 description of /api/v1 (served at /api/v1/openapi.json), built from the report catalog, so a
// new report is described the day it lands. tests/e2e/api_server_test.cpp calls every route it names and checks
// the answers against it.
#pragma once

#include <string>

namespace crosswalk::api {

[[nodiscard]] std::string OpenApiDocument();

} // namespace crosswalk::api
