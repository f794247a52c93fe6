package io.hilbench.cli;

public final class BenchCommand {
    public static void main(String[] args) {
        System.out.println("bench");
    }
}
