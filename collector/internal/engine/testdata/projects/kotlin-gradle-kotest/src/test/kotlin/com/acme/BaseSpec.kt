package com.acme

import io.kotest.core.spec.style.FunSpec

// The project's own base class: specs below extend it without importing Kotest.
abstract class BaseSpec(body: FunSpec.() -> Unit = {}) : FunSpec(body)
