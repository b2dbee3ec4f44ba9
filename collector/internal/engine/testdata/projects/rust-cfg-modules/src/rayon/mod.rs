#![cfg(not(miri))]

mod map;

#[cfg(target_pointer_width = "64")]
mod set;
