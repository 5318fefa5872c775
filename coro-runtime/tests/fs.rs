//! File helpers on a temp dir, with owned buffers.
mod common;

use std::path::{Path, PathBuf};

use common::rt;
use coro_runtime::fs::{self, File};
use coro_runtime::task::from_future;

/// A fresh directory under the system temp dir, removed with everything in
/// it when dropped, also when the test fails.
struct TempDir(PathBuf);

impl TempDir {
    fn join(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn temp_dir(name: &str) -> TempDir {
    let dir = std::env::temp_dir().join(format!("coro-fs-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    TempDir(dir)
}

fn exists(path: &Path) -> bool {
    std::fs::metadata(path).is_ok()
}

#[test]
#[cfg_attr(miri, ignore)]
fn write_then_read_a_whole_file() {
    let dir = temp_dir("whole");
    let path = dir.join("data.bin");
    let rt = rt();
    let p = path.clone();
    let data = rt.block_on(from_future(async move {
        fs::write(p.clone(), vec![7u8; 10_000]).await.unwrap();
        fs::read(p).await.unwrap()
    }));
    assert_eq!(data, vec![7u8; 10_000]);
}

#[test]
#[cfg_attr(miri, ignore)]
fn positioned_reads_and_writes() {
    let dir = temp_dir("positioned");
    let path = dir.join("file.txt");
    let rt = rt();
    let p = path.clone();
    rt.block_on(from_future(async move {
        let file = File::create(&p).await.unwrap();
        let (res, buf) = file.write_at(b"hello world".to_vec(), 0).await;
        assert_eq!(res.unwrap(), 11);
        assert_eq!(buf, b"hello world", "the buffer comes back");
        file.write_all_at(b"WORLD".to_vec(), 6).await.0.unwrap();
        file.sync_all().await.unwrap();

        let file = File::open(&p).await.unwrap();
        let mut buf = Vec::with_capacity(5);
        buf.extend_from_slice(b">");
        let (res, buf) = file.read_at(buf, 6).await;
        assert_eq!(res.unwrap(), 4, "only the spare capacity is filled");
        assert_eq!(buf, b">WORL");
        let (res, buf) = file.read_at(Vec::with_capacity(64), 0).await;
        assert_eq!(res.unwrap(), 11);
        assert_eq!(buf, b"hello WORLD");
        let (res, buf) = file.read_at(Vec::with_capacity(8), 100).await;
        assert_eq!((res.unwrap(), buf.len()), (0, 0), "past the end");
        assert_eq!(file.metadata().await.unwrap().len(), 11);
    }));
}

#[test]
#[cfg_attr(miri, ignore)]
fn errors_are_reported() {
    let rt = rt();
    let dir = temp_dir("missing");
    let missing = dir.join("does-not-exist");
    let err = rt.block_on(from_future(
        async move { fs::read(missing).await.unwrap_err() },
    ));
    assert_eq!(err.kind(), std::io::ErrorKind::NotFound);
}

#[test]
fn the_temp_dir_helper_cleans_up() {
    let dir = temp_dir("cleanup");
    let path = dir.0.clone();
    std::fs::write(dir.join("f"), b"x").unwrap();
    assert!(exists(&path));
    drop(dir);
    assert!(!exists(&path), "{} was left behind", path.display());
}
