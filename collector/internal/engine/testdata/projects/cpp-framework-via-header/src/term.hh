#pragma once
struct Term {};
