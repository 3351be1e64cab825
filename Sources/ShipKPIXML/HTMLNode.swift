internal import CLibXML2

/// A handle on one element of an ``HTMLDocument``, to add children and attributes to it.
///
/// Holds its document strongly, so the tree it points into cannot be freed under it.
package struct HTMLNode {
    let pointer: xmlNodePtr
    let document: HTMLDocument
}
