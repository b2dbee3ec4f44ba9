// ava's serial, imported under the name test: ava's tests (framework
// unknown, with the reason), not the package's Jest.
import {serial as test} from 'ava'

test('reads stdin', async t => {
  t.pass()
})
