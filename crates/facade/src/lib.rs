//! placeholder
pub mod paginate;
