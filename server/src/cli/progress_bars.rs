//! indicatif bars for the importers' long steps. They draw to stderr and
//! stay hidden when stderr is not a terminal, so scripts see clean output.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use learnscape_importers::Progress;
use std::sync::{Arc, Mutex};

/// One import's bars, one step at a time. Clones share them, so the
/// command can [`stop`](Self::stop) what the parsing thread draws.
#[derive(Debug, Default, Clone)]
pub struct Bars {
    state: Arc<Mutex<State>>,
}

#[derive(Debug, Default)]
struct State {
    current: Option<ProgressBar>,
    stopped: bool,
}

impl Bars {
    pub fn boxed() -> Box<dyn Progress + Send> {
        Box::new(Self::default())
    }

    /// Clears the bar on screen and draws no more: the command is about
    /// to say why it stopped, and a bar drawn after would overwrite that.
    pub fn stop(&self) {
        if let Ok(mut state) = self.state.lock() {
            state.stopped = true;
            if let Some(bar) = state.current.take() {
                bar.finish_and_clear();
            }
        }
    }
}

impl Progress for Bars {
    fn start(&self, step: &'static str, total: u64) {
        let Ok(mut state) = self.state.lock() else {
            return;
        };
        if state.stopped {
            return;
        }
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
        if let Ok(style) =
            ProgressStyle::with_template("{msg:>18} [{bar:40}] {percent:>3}% {elapsed}")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(step);
        if let Some(old) = state.current.replace(bar) {
            old.finish_and_clear();
        }
    }

    fn inc(&self, units: u64) {
        if let Ok(state) = self.state.lock()
            && let Some(bar) = state.current.as_ref()
        {
            bar.inc(units);
        }
    }

    fn finish(&self) {
        if let Ok(mut state) = self.state.lock()
            && let Some(bar) = state.current.take()
        {
            bar.finish_and_clear();
        }
    }
}
