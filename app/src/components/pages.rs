//! The pages of a typeset résumé as pictures (rendered by Typst in the worker), so the
//! preview shows in every browser — headless ones, Android, browsers with PDF viewing turned
//! off — without a built-in PDF viewer. The PDF itself stays a download.
//!
//! Pages arrive as RGBA pixels and are drawn onto canvases: no image encoding in the worker
//! and no decoding here (an SVG page took the browser 100–200 ms to decode).

use fitted_core::protocol::PageImage;
use leptos::html::Canvas;
use leptos::prelude::*;
use wasm_bindgen::{Clamped, JsCast};

/// Pixels per point for page images on this screen: sharp at the preview's size (about one
/// CSS pixel per point) on high-density screens, never more than the engine's maximum.
pub fn image_scale() -> f32 {
    let dpr = web_sys::window().map(|w| w.device_pixel_ratio()).unwrap_or(1.0) as f32;
    dpr.clamp(1.0, 2.0)
}

fn draw(canvas: &web_sys::HtmlCanvasElement, page: &PageImage) {
    let Ok(Some(ctx)) = canvas.get_context("2d") else { return };
    let Ok(ctx) = ctx.dyn_into::<web_sys::CanvasRenderingContext2d>() else { return };
    if let Ok(data) = web_sys::ImageData::new_with_u8_clamped_array_and_sh(Clamped(&page.rgba), page.width, page.height) {
        let _ = ctx.put_image_data(&data, 0.0, 0.0);
        // For the bench: when the user first sees the new page.
        if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
            let _ = p.mark("fitted:page-drawn");
        }
    }
}

#[component]
fn PageCanvas(page: PageImage, label: String) -> impl IntoView {
    let node = NodeRef::<Canvas>::new();
    let (width, height) = (page.width, page.height);
    Effect::new(move |_| {
        if let Some(canvas) = node.get() {
            draw(&canvas, &page);
        }
    });
    view! {
        <canvas class="page-image" node_ref=node width=width height=height role="img" aria-label=label></canvas>
    }
}

/// `pages` in order; `label` names what they show ("Preview of your résumé"), and each
/// canvas's text alternative says which page it is.
#[component]
pub fn PageImages(pages: Signal<std::sync::Arc<Vec<PageImage>>>, label: &'static str, testid: &'static str) -> impl IntoView {
    view! {
        {move || {
            let list = pages.get();
            (!list.is_empty()).then(|| {
                let n = list.len();
                view! {
                    <div class="page-images" role="group" aria-label=label data-testid=testid>
                        {list.iter().cloned().enumerate().map(|(i, page)| view! {
                            <PageCanvas page=page label=format!("{label}: page {} of {n}", i + 1)/>
                        }).collect_view()}
                    </div>
                }
            })
        }}
    }
}
