//! Renders for cache misses, on threads of their own. The HTTP workers only look up cached
//! bytes and hand misses to this pool through a bounded queue; when the queue is full the
//! worker answers 503 at once. However many misses a client sends, the workers stay free
//! to serve cached pages, and the work waiting is bounded.

use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Weak};

use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::http::Uri;
use actix_web::http::header::{HeaderMap, HeaderName, HeaderValue};
use actix_web::http::uri::PathAndQuery;
use actix_web::web::{Bytes, Data};
use actix_web::{HttpMessage, HttpResponse, test};
use futures_util::FutureExt;
use tokio::sync::{Mutex, mpsc, oneshot};

use super::store::CachedPage;
use crate::Site;

/// Marks a request made from inside the server (a render for the pool, or the warming
/// pass), which the cache passes straight to the handlers. Clients cannot set it: it is a
/// request extension, not a header.
#[derive(Clone, Copy)]
pub struct Internal;

/// What a render produced: a 200 already compressed for the cache, or any other answer
/// (a redirect, an error page) as it is.
pub enum Rendered {
    Page(Arc<CachedPage>),
    Other {
        status: StatusCode,
        headers: Vec<(HeaderName, HeaderValue)>,
        body: Bytes,
    },
}

/// The queue was full: the caller answers 503.
pub struct Busy;

struct Job {
    uri: String,
    reply: oneshot::Sender<Rendered>,
}

pub struct RenderPool {
    jobs: mpsc::Sender<Job>,
}

impl RenderPool {
    /// Starts `threads` render threads with room for `queue` waiting renders. The threads
    /// hold the site only while they work, and stop when the pool is dropped.
    pub fn start(site: Weak<Site>, threads: usize, queue: usize) -> Self {
        let (jobs, receiver) = mpsc::channel(queue.max(1));
        let receiver = Arc::new(Mutex::new(receiver));
        for n in 0..threads.max(1) {
            let (site, receiver) = (site.clone(), receiver.clone());
            let spawned = std::thread::Builder::new()
                .name(format!("render-{n}"))
                .spawn(move || work(&site, &receiver));
            if let Err(e) = spawned {
                tracing::error!("render thread {n} did not start: {e}");
            }
        }
        RenderPool { jobs }
    }

    /// Renders `uri` (a canonical URL) on the pool, or Busy at once if the queue is full.
    pub async fn render(&self, uri: String) -> Result<Rendered, Busy> {
        let (reply, answer) = oneshot::channel();
        self.jobs.try_send(Job { uri, reply }).map_err(|_| Busy)?;
        answer.await.map_err(|_| Busy)
    }
}

fn work(site: &Weak<Site>, receiver: &Arc<Mutex<mpsc::Receiver<Job>>>) {
    actix_web::rt::System::new().block_on(async {
        while let Some(job) = next(receiver, true).await {
            let Some(site) = site.upgrade() else { break };
            let app = test::init_service(crate::build_app(Data::from(site))).await;
            // The app (and so the site) is kept only while jobs keep coming.
            let mut job = Some(job);
            while let Some(Job { uri, reply }) = job.take() {
                let _ = reply.send(render(&app, &uri).await);
                job = next(receiver, false).await;
            }
            // A burst is over: give its working memory back.
            crate::allocator::trim();
        }
    });
}

/// The next job: waiting for one, or only one already queued.
async fn next(receiver: &Mutex<mpsc::Receiver<Job>>, wait: bool) -> Option<Job> {
    let mut receiver = receiver.lock().await;
    if wait {
        receiver.recv().await
    } else {
        receiver.try_recv().ok()
    }
}

/// An answer from the app, read whole.
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

/// Runs one GET through the app, marked as internal so the cache lets it through.
pub async fn call<S, B>(app: &S, uri: &str) -> Answer
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody + 'static,
{
    // The target came from a request actix accepted, but not every such target is a `Uri`
    // on its own (`//x`): build it from its path and query.
    let Some(target) = target(uri) else {
        return Answer {
            status: StatusCode::BAD_REQUEST,
            headers: HeaderMap::new(),
            body: Bytes::new(),
        };
    };
    let mut request = test::TestRequest::get().to_request();
    request.head_mut().uri = target;
    request.extensions_mut().insert(Internal);
    let called = AssertUnwindSafe(app.call(request)).catch_unwind().await;
    let response = match called {
        Ok(Ok(response)) => response.into_parts().1.map_into_boxed_body(),
        Ok(Err(e)) => e.as_response_error().error_response(),
        Err(_) => {
            tracing::error!("{uri}: the render panicked");
            HttpResponse::InternalServerError().finish()
        }
    };
    let status = response.status();
    let headers = response.headers().clone();
    match actix_web::body::to_bytes(response.into_body()).await {
        Ok(body) => Answer {
            status,
            headers,
            body,
        },
        Err(_) => {
            tracing::error!("{uri}: the answer's body could not be read");
            Answer {
                status: StatusCode::INTERNAL_SERVER_ERROR,
                headers: HeaderMap::new(),
                body: Bytes::new(),
            }
        }
    }
}

fn target(uri: &str) -> Option<Uri> {
    let mut parts = actix_web::http::uri::Parts::default();
    parts.path_and_query = Some(PathAndQuery::try_from(uri).ok()?);
    Uri::from_parts(parts).ok()
}

/// A miss's answer: a 200 compressed quickly for the cache, anything else as it is.
async fn render<S, B>(app: &S, uri: &str) -> Rendered
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody + 'static,
{
    let answer = call(app, uri).await;
    if answer.status == StatusCode::OK {
        match CachedPage::new(&answer.headers, &answer.body) {
            Ok(page) => return Rendered::Page(Arc::new(page)),
            Err(e) => tracing::error!("{uri}: compression failed: {e}"),
        }
    }
    Rendered::Other {
        status: answer.status,
        headers: answer
            .headers
            .iter()
            .map(|(n, v)| (n.clone(), v.clone()))
            .collect(),
        body: answer.body,
    }
}
