from tests import sequence_checks


class ListTest(sequence_checks.MutableSequenceChecks):
    type2test = list

    def test_sort(self):
        self.assertEqual(sorted([2, 1]), [1, 2])


class TupleTest(sequence_checks.SequenceChecks):
    type2test = tuple
