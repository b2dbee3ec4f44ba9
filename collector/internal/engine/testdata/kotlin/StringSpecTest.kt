package com.acme

import io.kotest.core.spec.style.StringSpec
import io.kotest.matchers.string.shouldHaveLength

class StringSpecTest : StringSpec({
    "strings.length should return size of string" {
        "hello".shouldHaveLength(5)
    }

    "f:focused top level" {
    }

    "disabled".config(enabled = false) {
    }

    "with an escaped \"quote\"" {
    }
})

class InitStringSpecTest : StringSpec() {
    init {
        "declared in init" {
        }
    }
}
