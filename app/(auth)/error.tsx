"use client";
// This segment's error boundary: components/layout/page-error.tsx.
import { PageError } from "@/components/layout/page-error";

export default PageError;
