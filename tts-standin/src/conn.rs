//! The listener and connection wrapper that let a handler reset its own TCP connection.
//!
//! axum hides the socket from handlers, so the stand-in accepts connections itself. Each
//! connection carries a shared [`ResetHandle`]; the handler reaches it through
//! `ConnectInfo<ConnAddr>`. Once the handle is triggered, the next read or write on the
//! socket sets `SO_LINGER` to zero and fails, hyper drops the connection, and the kernel
//! sends a TCP RST instead of a response.

use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::extract::connect_info::Connected;
use axum::serve::{IncomingStream, Listener};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};

/// A flag shared between a connection and the handlers serving it.
#[derive(Debug, Clone, Default)]
pub(crate) struct ResetHandle(Arc<AtomicBool>);

impl ResetHandle {
    /// Asks for the connection to be reset instead of answered.
    pub(crate) fn trigger(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    fn is_triggered(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

/// What a handler learns about its connection (the listener's `Addr` type).
#[derive(Debug, Clone)]
pub(crate) struct ConnAddr {
    /// Resets this connection when triggered.
    pub(crate) reset: ResetHandle,
}

impl Connected<IncomingStream<'_, StandinListener>> for ConnAddr {
    fn connect_info(stream: IncomingStream<'_, StandinListener>) -> ConnAddr {
        stream.remote_addr().clone()
    }
}

/// A TCP listener whose connections can be reset by their handlers.
#[derive(Debug)]
pub(crate) struct StandinListener(pub(crate) TcpListener);

impl Listener for StandinListener {
    type Io = ConnIo;
    type Addr = ConnAddr;

    async fn accept(&mut self) -> (ConnIo, ConnAddr) {
        loop {
            match self.0.accept().await {
                Ok((stream, _remote)) => {
                    // Small responses go out at once, as from Go's net/http.
                    let _ = stream.set_nodelay(true);
                    let reset = ResetHandle::default();
                    let io = ConnIo {
                        stream,
                        reset: reset.clone(),
                    };
                    return (io, ConnAddr { reset });
                }
                // Accept errors (e.g. too many open files) are transient: wait, then retry.
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        }
    }

    fn local_addr(&self) -> io::Result<ConnAddr> {
        self.0.local_addr()?;
        Ok(ConnAddr {
            reset: ResetHandle::default(),
        })
    }
}

/// A TCP stream that fails every operation once its [`ResetHandle`] is triggered.
#[derive(Debug)]
pub(crate) struct ConnIo {
    stream: TcpStream,
    reset: ResetHandle,
}

impl ConnIo {
    /// Arms the abortive close when the reset is triggered, returning the error to report.
    fn reset_error(&self) -> Option<io::Error> {
        if !self.reset.is_triggered() {
            return None;
        }
        // Invariant: with a zero linger, dropping the socket sends RST, not FIN.
        let _ = self.stream.set_zero_linger();
        Some(io::Error::from(io::ErrorKind::ConnectionReset))
    }
}

impl AsyncRead for ConnIo {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        if let Some(err) = self.reset_error() {
            return Poll::Ready(Err(err));
        }
        Pin::new(&mut self.stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for ConnIo {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        if let Some(err) = self.reset_error() {
            return Poll::Ready(Err(err));
        }
        Pin::new(&mut self.stream).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        if let Some(err) = self.reset_error() {
            return Poll::Ready(Err(err));
        }
        Pin::new(&mut self.stream).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        if let Some(err) = self.reset_error() {
            return Poll::Ready(Err(err));
        }
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        if let Some(err) = self.reset_error() {
            return Poll::Ready(Err(err));
        }
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}
