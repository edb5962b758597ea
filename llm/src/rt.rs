//! Runtime glue that must work both natively and in the browser: sleeping, timeouts, the
//! wall clock (for HTTP-date `retry-after`), and cancellation.
//!
//! Natively, reqwest already runs on tokio, so its timer is used; in wasm32, `setTimeout`
//! through gloo-timers. `std::time::Instant` and `SystemTime::now` panic on
//! wasm32-unknown-unknown, so nothing here uses them there.

use std::future::Future;
use std::pin::pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use futures_util::future::{select, Either};

use crate::error::LlmError;

/// Sleeps without blocking the thread (the browser's event loop must keep running).
pub async fn sleep(duration: Duration) {
    #[cfg(target_arch = "wasm32")]
    {
        // gloo panics on durations beyond u32 milliseconds; nothing of ours waits that long.
        let ms = u32::try_from(duration.as_millis()).unwrap_or(u32::MAX);
        gloo_timers::future::TimeoutFuture::new(ms).await;
    }
    #[cfg(not(target_arch = "wasm32"))]
    tokio::time::sleep(duration).await;
}

/// Runs `fut` for at most `limit`; `None` when time ran out (and `fut` was dropped, which
/// aborts any request inside it).
pub async fn timeout<F: Future>(limit: Duration, fut: F) -> Option<F::Output> {
    match select(pin!(fut), pin!(sleep(limit))).await {
        Either::Left((out, _)) => Some(out),
        Either::Right(_) => None,
    }
}

/// Milliseconds since the Unix epoch.
pub(crate) fn now_unix_ms() -> u64 {
    #[cfg(target_arch = "wasm32")]
    {
        let ms = js_sys::Date::now();
        if ms.is_finite() && ms > 0.0 {
            ms as u64
        } else {
            0
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as u64)
            .unwrap_or(0)
    }
}

/// A cancel button for one or more calls. Clone it into whatever UI handler cancels; pass it
/// to [`cancellable`]. Cancelling drops the call's future, which aborts the HTTP request
/// (natively the connection is closed; in the browser reqwest's `AbortController` fires).
#[derive(Clone, Default)]
pub struct CancelToken {
    inner: Arc<CancelInner>,
}

#[derive(Default)]
struct CancelInner {
    cancelled: AtomicBool,
    wakers: Mutex<Vec<Waker>>,
}

impl std::fmt::Debug for CancelToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CancelToken").field("cancelled", &self.is_cancelled()).finish()
    }
}

impl CancelToken {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn cancel(&self) {
        self.inner.cancelled.store(true, Ordering::SeqCst);
        let wakers = match self.inner.wakers.lock() {
            Ok(mut w) => std::mem::take(&mut *w),
            Err(poisoned) => std::mem::take(&mut *poisoned.into_inner()),
        };
        for w in wakers {
            w.wake();
        }
    }

    pub fn is_cancelled(&self) -> bool {
        self.inner.cancelled.load(Ordering::SeqCst)
    }

    /// Completes once `cancel` has been called.
    pub fn cancelled(&self) -> Cancelled<'_> {
        Cancelled { token: self }
    }
}

/// Future returned by [`CancelToken::cancelled`].
pub struct Cancelled<'a> {
    token: &'a CancelToken,
}

impl Future for Cancelled<'_> {
    type Output = ();

    fn poll(self: std::pin::Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.token.is_cancelled() {
            return Poll::Ready(());
        }
        if let Ok(mut wakers) = self.token.inner.wakers.lock() {
            if !wakers.iter().any(|w| w.will_wake(cx.waker())) {
                wakers.push(cx.waker().clone());
            }
        }
        // Re-check: `cancel` may have run between the first check and registering.
        if self.token.is_cancelled() {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    }
}

/// Runs a call until it finishes or `token` is cancelled, whichever is first. On
/// cancellation the call's future is dropped (aborting its request) and `Cancelled` returned.
pub async fn cancellable<T, F>(token: &CancelToken, call: F) -> Result<T, LlmError>
where
    F: Future<Output = Result<T, LlmError>>,
{
    if token.is_cancelled() {
        return Err(LlmError::Cancelled);
    }
    match select(pin!(call), pin!(token.cancelled())).await {
        Either::Left((out, _)) => out,
        Either::Right(_) => Err(LlmError::Cancelled),
    }
}
