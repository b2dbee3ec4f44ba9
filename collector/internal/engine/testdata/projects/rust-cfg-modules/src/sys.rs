#[cfg(target_os = "linux")]
mod linux;
