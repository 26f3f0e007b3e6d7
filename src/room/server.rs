//! The room's web server: a thread with its own small async runtime,
//! serving the routes of [`super::handlers`] until the room closes.
//!
//! Connections are served with hyper directly (not `axum::serve`) so that
//! a phone that sends its request's head slowly is cut off
//! (`header_read_timeout`), and so that each request knows the address it
//! came from, for the per-address limit.

use std::net::{IpAddr, Ipv4Addr, SocketAddr, UdpSocket};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, sync_channel};
use std::thread::JoinHandle;
use std::time::Duration;

use axum::Router;
use axum::extract::Request;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, oneshot};
use tower::ServiceExt;

use super::handlers::{self, Peer};
use super::limits::RoomLimits;
use super::state::Shared;
use super::{Arrival, Prompt, RoomError, RoomOptions};

/// How long requests under way may take to finish once the room closes.
const CLOSING: Duration = Duration::from_secs(2);

/// The running server.
pub(super) struct Server {
    url: String,
    address: SocketAddr,
    shared: Arc<Shared>,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    pub(super) fn start(
        options: &RoomOptions,
        prompt: Prompt,
        limits: RoomLimits,
    ) -> Result<(Server, Receiver<Arrival>), RoomError> {
        let ip = match options.bind {
            Some(ip) => ip,
            None => lan_address().ok_or(RoomError::NoAddress)?,
        };
        let wanted = SocketAddr::new(ip, options.port.unwrap_or(0));
        let listen_error = |source| RoomError::Listen {
            addr: wanted.to_string(),
            source,
        };
        let listener = std::net::TcpListener::bind(wanted).map_err(listen_error)?;
        listener.set_nonblocking(true).map_err(listen_error)?;
        let address = listener.local_addr().map_err(listen_error)?;

        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .enable_time()
            .build()
            .map_err(|e| RoomError::Start(e.to_string()))?;
        let listener = {
            let _inside = runtime.enter();
            TcpListener::from_std(listener).map_err(|e| RoomError::Start(e.to_string()))?
        };

        let (sender, arrivals) = sync_channel(limits.queue);
        let shared = Arc::new(Shared::new(prompt, limits, sender));
        let app = handlers::router(shared.clone());
        let (stop, stopped) = oneshot::channel();
        let served = shared.limits.clone();
        let thread = std::thread::Builder::new()
            .name("sempre-room".into())
            .spawn(move || runtime.block_on(serve(listener, app, served, stopped)))
            .map_err(|e| RoomError::Start(e.to_string()))?;

        let shown = if ip.is_unspecified() {
            lan_address().unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST))
        } else {
            ip
        };
        let url = format!(
            "http://{}{}",
            SocketAddr::new(shown, address.port()),
            shared.base()
        );
        let server = Server {
            url,
            address,
            shared,
            stop: Some(stop),
            thread: Some(thread),
        };
        Ok((server, arrivals))
    }

    pub(super) fn url(&self) -> &str {
        &self.url
    }

    pub(super) fn address(&self) -> SocketAddr {
        self.address
    }

    pub(super) fn join_code(&self) -> &str {
        &self.shared.join_code
    }

    pub(super) fn set_prompt(&self, prompt: Prompt) {
        self.shared.set_prompt(prompt);
    }

    pub(super) fn phones(&self) -> usize {
        self.shared.phones()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The address this machine's default route leaves from. Connecting a
/// UDP socket sends nothing; it only picks the route.
fn lan_address() -> Option<IpAddr> {
    let probe = |local: &str, remote: &str| {
        let socket = UdpSocket::bind(local).ok()?;
        socket.connect(remote).ok()?;
        let ip = socket.local_addr().ok()?.ip();
        (!ip.is_loopback() && !ip.is_unspecified()).then_some(ip)
    };
    // Documentation addresses (RFC 5737, RFC 3849): routed like any other.
    probe("0.0.0.0:0", "192.0.2.1:80").or_else(|| probe("[::]:0", "[2001:db8::1]:80"))
}

/// Accepts connections until `stopped`, then lets the requests under way
/// finish for a moment.
async fn serve(
    listener: TcpListener,
    app: Router,
    limits: RoomLimits,
    mut stopped: oneshot::Receiver<()>,
) {
    let graceful = GracefulShutdown::new();
    let permits = Arc::new(Semaphore::new(limits.connections));
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout);
    loop {
        let permit = tokio::select! {
            _ = &mut stopped => break,
            permit = permits.clone().acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => break,
            },
        };
        let (stream, peer) = tokio::select! {
            _ = &mut stopped => break,
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                // Out of file descriptors, or a connection reset before
                // it was taken: wait a little rather than spin.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let ip = peer.ip();
        let service = app
            .clone()
            .map_request(move |mut request: Request<Incoming>| {
                request.extensions_mut().insert(Peer(ip));
                request
            });
        let connection =
            http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
        let connection = graceful.watch(connection);
        let lifetime = limits.connection_lifetime;
        tokio::spawn(async move {
            let _ = tokio::time::timeout(lifetime, connection).await;
            drop(permit);
        });
    }
    drop(listener);
    let _ = tokio::time::timeout(CLOSING, graceful.shutdown()).await;
}
