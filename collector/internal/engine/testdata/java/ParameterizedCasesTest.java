package com.acme.params;

import java.time.Month;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ParameterizedCasesTest {

    static final String PREFIX = "x";

    @ParameterizedTest
    @ValueSource(strings = {"racecar", "radar", "able was I ere I saw elba"})
    void palindromes(String candidate) {}

    @ParameterizedTest
    @ValueSource(ints = {1, -3, 0x10, 1_000})
    void ints(int n) {}

    @ParameterizedTest
    @ValueSource(longs = 7L)
    void singleLong(long n) {}

    @ParameterizedTest
    @ValueSource(doubles = {1.5, 2, 1e10, .25d})
    void doubles(double d) {}

    @ParameterizedTest
    @ValueSource(chars = {'a', '\n'})
    void chars(char c) {}

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void booleans(boolean b) {}

    @ParameterizedTest
    @CsvSource({
        "apple,         1",
        "banana,        2",
        "'lemon, lime', 0xF1",
        "strawberry,    ",
        "'',            3"
    })
    void csvRows(String fruit, Integer rank) {}

    @ParameterizedTest(name = "{index} ==> fruit ''{0}'' has rank {1}")
    @CsvSource({"apple, 1", "banana, 2"})
    void customName(String fruit, int rank) {}

    @ParameterizedTest
    @CsvSource(useHeadersInDisplayName = true, textBlock = """
        FRUIT,         RANK
        apple,         1
        # a comment line
        'lemon, lime', 3
        """)
    void headers(String fruit, int rank) {}

    @ParameterizedTest
    @CsvSource(value = {"a|1", "b|2"}, delimiter = '|')
    void pipes(String s, int n) {}

    @ParameterizedTest
    @ValueSource(strings = {PREFIX + "1", "y"})
    void constantValue(String s) {}

    @ParameterizedTest
    @MethodSource("provider")
    void fromMethod(String s) {}

    @ParameterizedTest
    @EnumSource(Month.class)
    void months(Month m) {}

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t"})
    void blanks(String s) {}

    @ParameterizedTest
    @CsvFileSource(resources = "/two-column.csv", numLinesToSkip = 1)
    void fromFile(String a, String b) {}

    @ParameterizedTest
    @ValueSource(strings = {"con" + "cat"})
    void concatenated(String s) {}

    @ParameterizedTest(name = "{displayName} with {0}")
    @ValueSource(strings = {"a"})
    void withDisplayName(String s, java.util.List<String> l, @TempDir java.nio.file.Path p, int... rest) {}

    static Stream<Arguments> provider() {
        return Stream.of(Arguments.of("a"), Arguments.of("b"));
    }
}
