//! chronicle: a static site generator for conflict chronicles.
//!
//! A build is a pipeline: [`load`] reads the files into a [`model::Chronicle`],
//! [`index`] files each dispatch under its dates, places, sides and topics,
//! [`render`] turns Markdown and templates into pages, and [`write`] puts them
//! in the output folder, all at once or not at all. [`pipeline`] drives them.

pub mod author;
pub mod check;
pub mod config;
pub mod diagnostic;
pub mod index;
pub mod load;
pub mod model;
pub mod output;
pub mod paths;
pub mod pipeline;
pub mod render;
pub mod serve;
pub mod slug;
pub mod write;
