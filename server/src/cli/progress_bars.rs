//! indicatif bars for the importers' long steps. They draw to stderr and
//! stay hidden when stderr is not a terminal, so scripts see clean output.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use learnscape_importers::Progress;
use std::sync::Mutex;

#[derive(Debug, Default)]
pub struct Bars {
    current: Mutex<Option<ProgressBar>>,
}

impl Bars {
    pub fn boxed() -> Box<dyn Progress + Send> {
        Box::new(Self::default())
    }
}

impl Progress for Bars {
    fn start(&self, step: &'static str, total: u64) {
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
        if let Ok(style) =
            ProgressStyle::with_template("{msg:>18} [{bar:40}] {percent:>3}% {elapsed}")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(step);
        if let Ok(mut current) = self.current.lock()
            && let Some(old) = current.replace(bar)
        {
            old.finish_and_clear();
        }
    }

    fn inc(&self, units: u64) {
        if let Ok(current) = self.current.lock()
            && let Some(bar) = current.as_ref()
        {
            bar.inc(units);
        }
    }

    fn finish(&self) {
        if let Ok(mut current) = self.current.lock()
            && let Some(bar) = current.take()
        {
            bar.finish_and_clear();
        }
    }
}
