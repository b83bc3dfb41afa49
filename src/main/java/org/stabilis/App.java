package org.stabilis;
public final class App { public static void main(String[] a) {} }
