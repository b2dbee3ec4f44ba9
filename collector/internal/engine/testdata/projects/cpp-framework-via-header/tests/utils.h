#pragma once
#include <string>
std::size_t count_lines(const std::string &filename);
