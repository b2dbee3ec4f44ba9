package com.acme

import io.kotest.core.spec.style.AnnotationSpec
import io.kotest.core.spec.style.ExpectSpec
import io.kotest.core.spec.style.FeatureSpec

class CheckoutFeatureSpec : FeatureSpec({
    feature("checkout") {
        scenario("pays by card") { }
        xscenario("pays by cheque") { }
    }
    xfeature("gift cards") {
        scenario("redeems") { }
    }
})

class CacheExpectSpec : ExpectSpec({
    context("a cache") {
        expect("a miss on an empty cache") { }
        xexpect("eviction") { }
    }
})

class LegacyAnnotationSpec : AnnotationSpec() {
    @BeforeEach
    fun setUp() {}

    @Test
    fun addsItems() {}

    @Ignore
    @Test
    fun removesItems() {}
}
