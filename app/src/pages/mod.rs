pub mod applications;
pub mod jobs;
pub mod not_found;
pub mod providers;
pub mod resume_editor;
pub mod resumes;
pub mod runs;
pub mod settings;
