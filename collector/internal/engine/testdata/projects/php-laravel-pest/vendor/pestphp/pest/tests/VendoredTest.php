<?php
test('never read: vendor is skipped', fn () => true);
