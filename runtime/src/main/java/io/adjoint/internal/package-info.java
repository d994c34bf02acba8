/**
 * Helpers that generated gradient code calls. Not for users: public only because generated classes in
 * the users' packages must reach them, and they may change in any release.
 */
package io.adjoint.internal;
