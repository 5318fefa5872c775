//! Files, on the blocking pool: [`read`], [`write()`], [`File`].
//!
//! Every operation is a [`spawn_blocking`] job, so it needs a runtime.
//! Buffers are owned and handed back, as in [`net`](crate::net):
//! [`File::read_at`] appends to the buffer's spare capacity (reserving
//! [`DEFAULT_READ_SIZE`](crate::net::DEFAULT_READ_SIZE) bytes if it has
//! none), [`File::write_at`] writes from the start of the buffer. A panic in
//! the job is propagated to the awaiting task.

use std::fmt;
use std::future::Future;
use std::io;
use std::os::unix::fs::FileExt;
use std::path::Path;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use crate::blocking::{BlockingHandle, spawn_blocking};
use crate::coroutine::{MachineState, Trace};

/// An awaitable file operation; resolves to the operation's result.
#[must_use = "futures do nothing unless awaited"]
pub struct FsOp<T> {
    job: BlockingHandle<T>,
    name: &'static str,
}

impl<T> Future for FsOp<T> {
    type Output = T;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        match Pin::new(&mut self.job).poll(cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(Ok(out)) => Poll::Ready(out),
            Poll::Ready(Err(e)) => std::panic::resume_unwind(e.into_panic()),
        }
    }
}

impl<T> Trace for FsOp<T> {
    fn name(&self) -> &'static str {
        self.name
    }

    fn state(&self) -> MachineState {
        self.job.state()
    }

    fn awaitee(&self) -> Option<&dyn Trace> {
        None
    }
}

impl<T> fmt::Debug for FsOp<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FsOp").field("name", &self.name).finish()
    }
}

#[track_caller]
fn op<T, F>(name: &'static str, f: F) -> FsOp<T>
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    FsOp {
        job: spawn_blocking(f),
        name,
    }
}

/// Reads a whole file.
///
/// ```
/// use coro_runtime::{Runtime, fs, task};
///
/// let path = std::env::temp_dir().join(format!("coro-fs-doc-{}", std::process::id()));
/// let rt = Runtime::new().unwrap();
/// let data = rt.block_on(task::from_future(async {
///     fs::write(path.clone(), b"hello".to_vec()).await.unwrap();
///     fs::read(path.clone()).await.unwrap()
/// }));
/// assert_eq!(data, b"hello");
/// std::fs::remove_file(path).unwrap();
/// ```
#[track_caller]
pub fn read(path: impl AsRef<Path>) -> FsOp<io::Result<Vec<u8>>> {
    let path = path.as_ref().to_owned();
    op("coro_runtime::fs::read", move || std::fs::read(path))
}

/// Creates or truncates a file and writes `contents` to it.
#[track_caller]
pub fn write(
    path: impl AsRef<Path>,
    contents: impl AsRef<[u8]> + Send + 'static,
) -> FsOp<io::Result<()>> {
    let path = path.as_ref().to_owned();
    op("coro_runtime::fs::write", move || {
        std::fs::write(path, contents)
    })
}

/// An open file. Clones share the file descriptor; positioned reads and
/// writes (`read_at`, `write_at`) make sharing safe.
#[derive(Clone, Debug)]
pub struct File {
    std: Arc<std::fs::File>,
}

impl File {
    /// Opens a file for reading.
    #[track_caller]
    pub fn open(path: impl AsRef<Path>) -> FsOp<io::Result<File>> {
        let path = path.as_ref().to_owned();
        op("coro_runtime::fs::File::open", move || {
            std::fs::File::open(path).map(File::from_std)
        })
    }

    /// Creates (or truncates) a file for writing.
    #[track_caller]
    pub fn create(path: impl AsRef<Path>) -> FsOp<io::Result<File>> {
        let path = path.as_ref().to_owned();
        op("coro_runtime::fs::File::create", move || {
            std::fs::File::create(path).map(File::from_std)
        })
    }

    /// Wraps a std file.
    pub fn from_std(file: std::fs::File) -> File {
        File {
            std: Arc::new(file),
        }
    }

    /// Reads at `offset` into `buf`'s spare capacity, appending; returns how
    /// many bytes were read (0 at end of file).
    #[track_caller]
    pub fn read_at(&self, mut buf: Vec<u8>, offset: u64) -> FsOp<(io::Result<usize>, Vec<u8>)> {
        let file = self.std.clone();
        op("coro_runtime::fs::File::read_at", move || {
            let len = buf.len();
            if buf.capacity() == len {
                buf.reserve(crate::net::DEFAULT_READ_SIZE);
            }
            buf.resize(buf.capacity(), 0);
            let res = file.read_at(&mut buf[len..], offset);
            buf.truncate(len + *res.as_ref().unwrap_or(&0));
            (res, buf)
        })
    }

    /// Writes `buf` at `offset` once; returns how many bytes were written.
    #[track_caller]
    pub fn write_at(&self, buf: Vec<u8>, offset: u64) -> FsOp<(io::Result<usize>, Vec<u8>)> {
        let file = self.std.clone();
        op("coro_runtime::fs::File::write_at", move || {
            let res = file.write_at(&buf, offset);
            (res, buf)
        })
    }

    /// Writes all of `buf` at `offset`.
    #[track_caller]
    pub fn write_all_at(&self, buf: Vec<u8>, offset: u64) -> FsOp<(io::Result<()>, Vec<u8>)> {
        let file = self.std.clone();
        op("coro_runtime::fs::File::write_all_at", move || {
            let res = file.write_all_at(&buf, offset);
            (res, buf)
        })
    }

    /// Flushes data and metadata to disk.
    #[track_caller]
    pub fn sync_all(&self) -> FsOp<io::Result<()>> {
        let file = self.std.clone();
        op("coro_runtime::fs::File::sync_all", move || file.sync_all())
    }

    /// The file's metadata.
    #[track_caller]
    pub fn metadata(&self) -> FsOp<io::Result<std::fs::Metadata>> {
        let file = self.std.clone();
        op("coro_runtime::fs::File::metadata", move || file.metadata())
    }
}
