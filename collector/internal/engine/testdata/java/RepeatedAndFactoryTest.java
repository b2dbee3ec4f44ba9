package com.acme;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.extension.ExtendWith;

class RepeatedAndFactoryTest {

    @RepeatedTest(3)
    void retries() {}

    @RepeatedTest(value = 2, name = "{displayName} {currentRepetition}/{totalRepetitions}")
    void customRepetitionName(RepetitionInfo info) {}

    @RepeatedTest(value = 2, name = RepeatedTest.LONG_DISPLAY_NAME)
    void longName() {}

    @Disabled
    @RepeatedTest(2)
    void disabledRepeats() {}

    @RepeatedTest(1000000000)
    void tooManyToExpand() {}

    @TestFactory
    Stream<DynamicTest> dynamicTests() {
        return Stream.of("a", "b").map(s -> DynamicTest.dynamicTest(s, () -> {}));
    }

    @TestTemplate
    @ExtendWith(MyContextProvider.class)
    void template(String param) {}
}
