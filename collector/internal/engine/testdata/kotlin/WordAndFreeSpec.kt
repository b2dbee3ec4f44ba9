package com.acme

import io.kotest.core.annotation.Ignored
import io.kotest.core.spec.style.FreeSpec
import io.kotest.core.spec.style.WordSpec

class StringWordSpec : WordSpec({
    "String.length" should {
        "return the length of the string" {
        }
    }
    "a container" When {
        "nested" should {
            "work" { }
        }
    }
})

class TreeFreeSpec : FreeSpec({
    "a tree" - {
        "has leaves" { }
        "a branch" - {
            "has buds" { }
        }
    }
    "root leaf" { }
})

@Ignored
class IgnoredFreeSpec : FreeSpec({
    "never runs" { }
})
