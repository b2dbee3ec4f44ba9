#[macro_use]
mod macros_str;

mod api;
